#!/bin/sh
# Whether a path exists, as "yes" or "no": unlike test -e alone, a failure to look (sudo refusing,
# say) is not taken for "absent". Argument: PATH.
if [ -e "$1" ]; then echo yes; else echo no; fi
