/* Test-only stand-in for Windows' own icuuc.dll (System32, Windows 10 1903 and later), which Wine
 * does not ship. Qt6Core links against it for legacy text codecs only; every converter reported
 * here is unavailable, so Qt falls back to its built-in UTF-8/UTF-16/Latin-1 codecs, the only ones
 * Granska uses. scripts/test-windows copies it into the Wine prefix's System32; it is never
 * bundled (PyInstaller leaves System32 DLLs to the operating system). */

#define EXPORT __declspec(dllexport)
#define U_FILE_ACCESS_ERROR 4

typedef int UErrorCode;
typedef void UConverter;

EXPORT UConverter *ucnv_open(const char *name, UErrorCode *err)
{
    (void)name;
    if (err) *err = U_FILE_ACCESS_ERROR;
    return 0;
}

EXPORT int ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int n) { (void)n; return 0; }

EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{
    (void)name; (void)standard;
    if (err) *err = U_FILE_ACCESS_ERROR;
    return 0;
}

/* Never reached (no converter is ever opened); present so the loader resolves Qt's imports. */
EXPORT void ucnv_close(UConverter *c) { (void)c; }
EXPORT void ucnv_reset(UConverter *c) { (void)c; }
EXPORT int ucnv_getMaxCharSize(const UConverter *c) { (void)c; return 0; }
EXPORT const char *ucnv_getName(const UConverter *c, UErrorCode *e) { (void)c; (void)e; return 0; }
EXPORT void ucnv_getToUCallBack(void) {}
EXPORT void ucnv_getFromUCallBack(void) {}
EXPORT void ucnv_setToUCallBack(void) {}
EXPORT void ucnv_setFromUCallBack(void) {}
EXPORT void ucnv_cbToUWriteUChars(void) {}
EXPORT void ucnv_cbFromUWriteUChars(void) {}
EXPORT void ucnv_toUnicode(void) {}
EXPORT void ucnv_fromUnicode(void) {}
EXPORT int ucnv_toUCountPending(void) { return 0; }
EXPORT int ucnv_fromUCountPending(void) { return 0; }
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
