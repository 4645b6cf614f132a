"""The offline dashboard: static pages (``templates/``) and their scripts, styles and basemap
(``static/``), served by :mod:`newsdesk.api`. Nothing is fetched from another host."""
