/**
 * The one jieba segmenter of the search, for queries and indexing alike: jieba's stock dictionary
 * with the government vocabulary of govdict.ts added (tokenize.ts says how it is used).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Jieba } from '@node-rs/jieba'
import { govDictText } from './govdict.ts'

let govJieba: Jieba | undefined

/**
 * jieba's stock dictionary (dict.txt of @node-rs/jieba), read once for the segmenter and then dropped.
 * Not through `@node-rs/jieba/dict`: that module also reads idf.txt (6 MB, for keyword
 * extraction, unused here) and holds both files (11 MB outside the JS heap) for the life of the
 * process. The part-of-speech tags are cut off each line (`word freq tag` → `word freq`): only
 * `tag()` reads them, and without them an instance holds ~4 MB less; segmentation is the same.
 */
export function stockDictionary(): Buffer {
  const dir = dirname(createRequire(import.meta.url).resolve('@node-rs/jieba/dict'))
  const src = readFileSync(join(dir, 'dict.txt'))
  // byte by byte, in place: a JavaScript string of the file would take ~20 MB of heap for a moment
  let out = 0
  let spaces = 0
  for (let i = 0; i < src.length; i++) {
    const b = src[i]
    if (b === 0x0a) spaces = 0
    else if (b === 0x20 && ++spaces === 2) {
      while (i + 1 < src.length && src[i + 1] !== 0x0a) i++ // skip the tag, keep the newline
      continue
    }
    src[out++] = b
  }
  return src.subarray(0, out)
}

/** jieba with the government vocabulary. Loading a dictionary takes ~0.3 s and ~40 MB, so it
 * happens on first use; call {@link warmUpTokenizer} at start-up to take it off a request. */
export function gov(): Jieba {
  if (!govJieba) {
    const j = Jieba.withDict(stockDictionary())
    j.loadDict(Buffer.from(govDictText(), 'utf8'))
    govJieba = j
  }
  return govJieba
}

