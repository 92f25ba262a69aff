// zlib, for the report test's check that a browser's PNG is not blank (tests only).
#include <zlib.h>
