// ASCII folding for citation keys: "Müller" → "muller", "Łukasz Øster" → "lukaszoster".
// NFKD splits most accented letters into base + combining mark; the table covers letters that do not decompose.

const TRANSLIT: Record<string, string> = {
  ß: 'ss', ẞ: 'ss', ø: 'o', Ø: 'o', ł: 'l', Ł: 'l', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', đ: 'd', Đ: 'd',
  þ: 'th', Þ: 'th', ð: 'd', Ð: 'd', ı: 'i', ħ: 'h', Ħ: 'h', ŀ: 'l', Ŀ: 'l', ŋ: 'ng', Ŋ: 'ng', ĸ: 'k',
  ſ: 's', ŧ: 't', Ŧ: 't', ƒ: 'f', ɐ: 'a', ə: 'e', ʃ: 'sh', ĳ: 'ij', Ĳ: 'ij',
};
const NON_ASCII_LETTER = /[^\u0000-\u007f]/g;

/** Lower-case [a-z0-9] only: accents stripped, special letters transliterated, everything else dropped. */
export function asciiFold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(NON_ASCII_LETTER, (c) => TRANSLIT[c] ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}
