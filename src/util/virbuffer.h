/*
 * virbuffer.h: a growing string with indentation, for formatting XML
 * and command lines
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

typedef struct _virBuffer virBuffer;
struct _virBuffer {
    GString *str;
    int indent;
};

#define VIR_BUFFER_INITIALIZER { NULL, 0 }

void virBufferFreeAndReset(virBuffer *buf);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(virBuffer, virBufferFreeAndReset);

char *virBufferContentAndReset(virBuffer *buf);
const char *virBufferCurrentContent(virBuffer *buf);
size_t virBufferUse(const virBuffer *buf);

void virBufferAdd(virBuffer *buf, const char *str, int len);
#define virBufferAddLit(buf, literal) \
    virBufferAdd(buf, "" literal "", sizeof(literal) - 1)
void virBufferAddChar(virBuffer *buf, char c);
void virBufferAsprintf(virBuffer *buf, const char *format, ...)
    G_GNUC_PRINTF(2, 3);
void virBufferVasprintf(virBuffer *buf, const char *format, va_list ap)
    G_GNUC_PRINTF(2, 0);
void virBufferEscapeString(virBuffer *buf, const char *format,
                           const char *str);
void virBufferAdjustIndent(virBuffer *buf, int delta);
int virBufferGetIndent(const virBuffer *buf);
void virBufferTrim(virBuffer *buf, const char *suffix);
void virBufferAddBuffer(virBuffer *buf, virBuffer *child);
