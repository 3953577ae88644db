"""Open data: the library's and the helplines' lists as CSV and JSON (`lists.py`), the daily
dump of every public list for researchers (`dump.py`, its model in `models.py`), and the
public page `/data/` that offers both (`views.py`)."""
