package io.roster.importer.http;

import java.util.UUID;

/** No import with this id in the workspace of the path (another workspace's is not found either). */
public class ImportNotFoundException extends RuntimeException {

    public ImportNotFoundException(String id) {
        super("no import " + id + " in this workspace");
    }

    public ImportNotFoundException(UUID id) {
        this(id.toString());
    }
}
