#define SPANDSP_EXPOSE_INTERNAL_STRUCTURES 0
#include <stdint.h>
#include <tiffio.h>
#include <spandsp.h>
