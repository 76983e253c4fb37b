#ifndef EMBER_CSQLITE_SHIM_H
#define EMBER_CSQLITE_SHIM_H

#include <sqlite3.h>

#endif
