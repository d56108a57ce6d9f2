package org.boothwatch.agent.mqtt;

/** A message the transport could not take (not connected, or refused). */
public class TransportException extends Exception {
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
