#ifndef QMSFORMS_CLIBXML2_SHIM_H
#define QMSFORMS_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* Foundation ships its own ICU; libxml2's ICU headers clash with it on a clean build. */
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlsave.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/c14n.h>
#include <libxml/xmlschemas.h>
#include <libxml/SAX2.h>

/* xmlFree is a C global variable; Swift 6 refuses to touch it directly. */
static inline void qms_xmlFree(void *p) { xmlFree(p); }

#endif
