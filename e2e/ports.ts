/** Where the end-to-end tests find the harness build (with test hooks) and the app's own build. */
export const HARNESS_PORT = 4173;
export const APP_PORT = 4174;
