/* sink_xml.c — escaping for the markup sinks (see sink_xml.h). */
#include "sink_xml.h"

void sink_xml_escape(FILE *f, const char *s, size_t n, const char *apos)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\'':
            fputs(apos, f);
            break;
        default:
            fputc(s[i], f);
        }
    }
}
