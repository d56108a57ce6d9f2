package org.boothwatch.agent.io;

/** An input or output that cannot be used (a sensor fault for the state machine). */
public class BoothIoException extends RuntimeException {
    public BoothIoException(String message, Throwable cause) {
        super(message, cause);
    }

    public BoothIoException(String message) {
        super(message);
    }
}
