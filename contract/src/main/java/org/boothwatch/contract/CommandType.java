package org.boothwatch.contract;

public enum CommandType { ACKNOWLEDGE, RESOLVE, TEST }
