#ifndef UNEFOIS_CSQLITE_SHIM_H
#define UNEFOIS_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro Swift cannot import.
static inline sqlite3_destructor_type unefois_sqlite_transient(void) { return SQLITE_TRANSIENT; }

/// sqlite3_db_config is variadic: one shim per use.
static inline int unefois_sqlite_enable_defensive(sqlite3 *db) {
    int unused = 0;
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, &unused);
}
static inline int unefois_sqlite_disable_trusted_schema(sqlite3 *db) {
    int unused = 0;
#ifdef SQLITE_DBCONFIG_TRUSTED_SCHEMA
    return sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &unused);
#else
    return SQLITE_OK;
#endif
}

/// sqlite3_config is variadic. Process-wide, before the first connection: no allocation
/// statistics, whose global mutex every allocation of every connection takes.
static inline int unefois_sqlite_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
#endif
