// What a typed search term becomes in SQL, shared by the contact and company searches.
import { type SQL, sql } from 'drizzle-orm';
//
// Glossary: a *branch* is one index-backed way of matching (trigram similarity, word prefix,
// company, tag); a *candidate* is a row a branch returns; *relevance* ranks the candidates.

/**
 * Most rows one branch of a search contributes before ranking. Ranking needs each candidate's
 * similarity, which costs tens of microseconds per row under PGlite's WebAssembly, so a term
 * matched by thousands of rows (a common surname, a company word) ranks at most this many per
 * branch instead of all of them. Exact and word-prefix matches have their own branch, so they are
 * among the candidates even when fuzzy matches are far more numerous.
 */
export const searchCandidates = 150;

/** A smaller cap for the quick search, which shows only its first few rows and never pages. */
export const quickSearchCandidates = 40;

/**
 * Shortest term the word-prefix branches look for: a pattern with fewer characters has no
 * trigram, and the trigram index would hand back every row to check.
 */
export const minPrefixLength = 3;

/** Longest tag (see `tagSchema`): a longer term cannot be one, so its tag branch is skipped. */
export const maxTagLength = 50;

/** `term` as a LIKE pattern matching it literally (`%`, `_` and `\` escaped). */
export const escapeLike = (term: string) => term.replace(/[\\%_]/g, '\\$&');

/**
 * A regular expression (PostgreSQL ARE) true when a word of the text starts with `term`: `\m`
 * is the start of a word, the term's own special characters are escaped. The trigram indexes
 * serve `~` with it, like LIKE.
 */
export const wordStartPattern = (term: string) => `\\m${term.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}`;

/**
 * `value` as a scalar subquery: the trigram indexes still use it, but the planner no longer
 * estimates the condition by running the operator over the column's statistics (a hundred
 * similarity computations per condition, 10 to 40 ms of planning under PGlite's WebAssembly).
 * The plan does not need the estimate: each branch is read through its index anyway.
 */
export const unplanned = (value: string): SQL => sql`(select ${value}::text)`;
