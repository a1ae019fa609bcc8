export { deadLetters, type DeadLetterPage, type DeadLetters, type DeadLettersOptions, type ReplayResult } from './api.js';
export { DEAD_LETTER_PREFIX, type DeadLetter, type DeadLetterReason } from './record.js';
