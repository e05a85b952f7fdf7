package io.roster.importer.http;

/** A request to the import API that can not be served as sent: 400, naming the parameter. */
public class BadImportRequestException extends RuntimeException {

    private final String parameter;

    public BadImportRequestException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
