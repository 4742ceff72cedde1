package io.tandem.ucm.em;

/** Extension Mobility service error codes, with CUCM's API messages (cucm-notes.md 2.5). */
public enum EmError {
    UNKNOWN(0, "Unknown Error"),
    PARSING(1, "Error on Parsing"),
    INVALID_APP_USER(3, "Invalid App User"),
    LOGOUT_DEVICE_DISABLED(5, "Device logon disabled"),
    LOGOUT_REQUEST_ERROR(7, "Logout Request Error"),
    QUERY_TYPE_UNDETERMINED(8, "Query type undetermined"),
    NO_PROXY_RIGHTS(10, "User lacks app proxy rights"),
    DEVICE_NOT_FOUND(11, "Device does not exist"),
    PROFILE_NOT_FOUND(12, "Dev. Profile not found"),
    ANOTHER_USER_LOGGED_IN(18, "Another user logged in"),
    NO_USER_LOGGED_IN(19, "No user logged in"),
    DEVICE_LOGON_DISABLED(22, "Device logon disabled"),
    USER_NOT_FOUND(23, "User does not exist"),
    LOGGED_IN_ELSEWHERE(25, "User logged in elsewhere"),
    BUSY(26, "Busy, please try again");

    private final int code;
    private final String message;

    EmError(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The numeric code. */
    public int code() {
        return code;
    }

    /** CUCM's message for the code. */
    public String message() {
        return message;
    }
}
