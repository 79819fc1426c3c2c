#ifndef ESRU_VERSION_H
#define ESRU_VERSION_H
/* Bump when generated RTL or model semantics change: it feeds every config hash. */
#define ESRU_VERSION "0.3.0"
#endif
