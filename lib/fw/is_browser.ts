/** True inside an island running in the browser, false during server rendering. */
export const IS_BROWSER: boolean = typeof document !== "undefined";
