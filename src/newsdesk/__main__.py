"""python -m newsdesk"""

import sys

from newsdesk.cli import main

sys.exit(main())
