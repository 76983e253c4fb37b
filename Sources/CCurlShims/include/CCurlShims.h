#ifndef EMBER_CCURL_SHIMS_H
#define EMBER_CCURL_SHIMS_H

#include <curl/curl.h>

/// libcurl's option setters and info getters are C variadic functions, which Swift cannot
/// call. Each wrapper below fixes the type of the variadic argument.

CURLcode ember_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ember_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ember_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ember_easy_setopt_offset(CURL *handle, CURLoption option, curl_off_t value);
CURLcode ember_easy_setopt_write_callback(CURL *handle, CURLoption option,
                                          curl_write_callback callback);

CURLcode ember_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode ember_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value);
CURLcode ember_easy_getinfo_offset(CURL *handle, CURLINFO info, curl_off_t *value);

CURLMcode ember_multi_setopt_long(CURLM *handle, CURLMoption option, long value);

/// The result of a finished transfer, read from the `data` union of a `CURLMsg`.
CURLcode ember_multi_message_result(const CURLMsg *message);

#endif
