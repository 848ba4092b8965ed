/* libxml2 for the readers (xmlutil.h). */
#include "xmlutil.h"

#include <limits.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init_once(void)
{
    xmlInitParser();
}

void xml_init(void)
{
    pthread_once(&xml_once, xml_init_once);
}

xmlDoc *xml_parse(const char *bytes, size_t len, const char *part, es_err *err)
{
    xml_init();
    if (len > INT_MAX) {
        es_err_set(err, "%s: too large", part);
        return NULL;
    }
    xmlParserCtxt *ctx = xmlNewParserCtxt();
    if (!ctx) {
        es_err_set(err, "%s: cannot start the XML parser", part);
        return NULL;
    }
    xmlDoc *doc = xmlCtxtReadMemory(ctx, bytes, (int)len, NULL, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc || !xmlDocGetRootElement(doc)) {
        const xmlError *e = &ctx->lastError;
        char msg[200] = "no XML content";
        if (e->message) {
            snprintf(msg, sizeof msg, "%s", e->message);
            size_t n = strlen(msg);
            while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
                msg[--n] = '\0';
        }
        if (e->line > 0)
            es_err_set(err, "%s: damaged XML at line %d (%s)", part, e->line, msg);
        else
            es_err_set(err, "%s: damaged XML (%s)", part, msg);
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(ctx);
    return doc;
}

int xml_is(const xmlNode *n, const char *local)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

static int matches(const xmlNode *n, const char *local)
{
    return n->type == XML_ELEMENT_NODE && (!local || strcmp((const char *)n->name, local) == 0);
}

xmlNode *xml_child(const xmlNode *n, const char *local)
{
    if (!n)
        return NULL;
    for (xmlNode *c = n->children; c; c = c->next)
        if (matches(c, local))
            return c;
    return NULL;
}

xmlNode *xml_next(const xmlNode *n, const char *local)
{
    for (xmlNode *c = n ? n->next : NULL; c; c = c->next)
        if (matches(c, local))
            return c;
    return NULL;
}

xmlNode *xml_find(const xmlNode *n, const char *local)
{
    if (!n)
        return NULL;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)c->name, local) == 0)
            return c;
        xmlNode *below = xml_find(c, local);
        if (below)
            return below;
    }
    return NULL;
}

static xmlAttr *find_attr(const xmlNode *n, const char *local)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    for (xmlAttr *a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, local) == 0)
            return a;
    return NULL;
}

char *xml_attr(const xmlNode *n, const char *local)
{
    xmlAttr *a = find_attr(n, local);
    if (!a)
        return NULL;
    xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
    char *copy = es_xstrdup(v ? (const char *)v : "");
    xmlFree(v);
    return copy;
}

int xml_attr_is(const xmlNode *n, const char *local, const char *value)
{
    char *v = xml_attr(n, local);
    int same = v && strcmp(v, value) == 0;
    free(v);
    return same;
}

long xml_attr_long(const xmlNode *n, const char *local, long fallback)
{
    char *v = xml_attr(n, local);
    if (!v)
        return fallback;
    char *end;
    long x = strtol(v, &end, 10);
    int ok = end != v && *end == '\0' && x >= 0;
    free(v);
    return ok ? x : fallback;
}

char *xml_text(const xmlNode *n, size_t *len)
{
    xmlChar *v = n ? xmlNodeGetContent(n) : NULL;
    char *copy = es_xstrdup(v ? (const char *)v : "");
    xmlFree(v);
    if (len)
        *len = strlen(copy);
    return copy;
}
