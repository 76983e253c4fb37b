#ifndef EMBER_CCURL_SHIM_H
#define EMBER_CCURL_SHIM_H

#include <curl/curl.h>

#endif
