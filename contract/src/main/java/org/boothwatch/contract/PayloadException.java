package org.boothwatch.contract;

/** A payload that is not valid under the contract. Receivers log and count it, never crash. */
public class PayloadException extends Exception {
    public PayloadException(String message) {
        super(message);
    }

    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
