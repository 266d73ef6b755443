"""The one date style of every page, e-mail and staff screen (US English): "March 27, 1994".

Django localizes the ``date`` filter through the active language's format module, so the
plain ``{{ value|date }}`` and ``django.utils.formats.date_format(value)`` both read these.
Templates name a format ("DATETIME_FORMAT"), never a pattern of their own.
"""

DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, g:i A"
TIME_FORMAT = "g:i A"
SHORT_DATE_FORMAT = "F j, Y"
SHORT_DATETIME_FORMAT = "F j, Y, g:i A"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "F j"
