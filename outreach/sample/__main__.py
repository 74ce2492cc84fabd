"""``python -m outreach.sample``: see ``outreach.sample.write``."""

import sys

from outreach.sample.write import main

sys.exit(main())
