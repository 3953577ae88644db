"""The JSON API under /api/v1/ (django-ninja), its OpenAPI schema (/api/openapi.json) and its
interactive documentation (/api/docs).

`main.py` makes the API and mounts a router per noun (`meetings.py`, `contributions.py`,
`submission.py`, `liaison.py`, `library.py`, `reference.py`); `access.py` says who a request
is (a personal token, or anonymous) and limits its rate; `paging.py` pages lists; `urls.py`
adds ETags and JSON errors around every operation. The API lives in `resources`, the top
app, because it reads every app below it.
"""
