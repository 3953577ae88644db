# English as ITU writes it: "3 December 2026", the 24-hour clock ("09:30"), as the portal's
# pages and mails always did. Django's English module is American ("Dec. 3, 2026, 9:30 a.m.");
# its input formats are kept (this module names display formats only).
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
