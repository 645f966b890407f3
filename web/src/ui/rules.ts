/** The server's minimum password length, checked here too for quick feedback. */
export const MIN_PASSWORD_LENGTH = 10
