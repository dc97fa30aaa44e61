#ifndef UNEFOIS_CLIBXML2_SHIM_H
#define UNEFOIS_CLIBXML2_SHIM_H
/* Debian builds libxml2 with ICU; ICU's UErrorCode clashes with Foundation's
   copy in Swift. Turn ICU off before the other headers are read. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/tree.h>
#endif
