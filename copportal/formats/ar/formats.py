# Arabic, from CLDR (babel.dates: date "d MMMM y", time "h:mm a", date and time "{1}، {0}";
# the Latin digits' separators "." and ","). Django's module has no DATETIME_FORMAT, so
# Arabic pages printed the English pattern ("Dec. 3, 2026, 9:30 a.m."), and its separators
# are the reverse of CLDR's.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "g:i A"
DATETIME_FORMAT = "j F Y، g:i A"
SHORT_DATETIME_FORMAT = "d\u200f/m\u200f/Y، g:i A"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
