/** A Java-syntax pattern from Zoho's spec as a JavaScript RegExp; `whole`: it must match the entire value. */
export function javaPattern(source: string, options?: { whole?: boolean }): RegExp;
