/* sink_xml.h — the text escaping the SVG and HTML sinks share. */
#ifndef SINK_XML_H
#define SINK_XML_H

#include <stddef.h>
#include <stdio.h>

/* Write n bytes of UTF-8 to f with & < > " escaped, and ' written as `apos` (SVG, an XML
 * document, uses "&apos;"; HTML uses "&#39;", which older HTML also knows). */
void sink_xml_escape(FILE *f, const char *s, size_t n, const char *apos);

#endif
