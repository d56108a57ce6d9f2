package org.boothwatch.agent.selftest;

/** A broker check that failed, with a message for the technician. */
public class BrokerCheckException extends Exception {
    public BrokerCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
