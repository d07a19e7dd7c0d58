"""Log lines carry UTC timestamps, whatever TIME_ZONE says (ASVS 16.2.2)."""

import logging
import time


class UTCFormatter(logging.Formatter):
    converter = time.gmtime
