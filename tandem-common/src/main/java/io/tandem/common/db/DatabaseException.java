package io.tandem.common.db;

/** A database operation failed. */
public final class DatabaseException extends RuntimeException {

    /** Wraps {@code cause}, saying what was being done. */
    public DatabaseException(String doing, Throwable cause) {
        super(doing + ": " + cause.getMessage(), cause);
    }
}
