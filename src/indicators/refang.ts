/**
 * Undoes the usual "defanging" of indicators in reports (hxxp, [.], (dot), [@], [:]) so that a
 * defanged and a live copy of one indicator normalize to the same bytes.
 */
const SCHEME = /^(h[x*]{2}p(s?)|fxp|fxps)(\[:\/\/\]|\[?:\]?\/\/|:\/\/)/i
const DOT = /\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}|\\\./gi
const AT = /\[@\]|\(@\)|\{@\}|\[at\]|\(at\)|\{at\}/gi
const COLON = /\[:\]|\(:\)/g
const SLASHES = /\[:\/\/\]|\[\/\/\]/g

export function refang(input: string): string {
  let s = input.trim()
  s = s.replace(SCHEME, (_m, word: string, secure: string) => {
    const lower = word.toLowerCase()
    const scheme = lower.startsWith('f') ? `ftp${lower.endsWith('s') ? 's' : ''}` : `http${secure ? 's' : ''}`
    return `${scheme}://`
  })
  return s.replace(SLASHES, '://').replace(DOT, '.').replace(AT, '@').replace(COLON, ':')
}
