package io.roster.adminaccess;

/**
 * A service's admin endpoints, declared as a bean: the handlers of the controllers under {@code basePackage} whose
 * path is under {@code /api/v1/workspaces/{workspaceId}} take an admin key of that workspace, found by
 * {@code keys}. Each service declares its own, so in one process (standalone) each checks its endpoints against
 * its own keys.
 *
 * @param basePackage the service's package, e.g. {@code io.roster.audit}
 * @param keys where the service's keys are
 */
public record AdminEndpoints(String basePackage, AdminKeyLookup keys) {

    boolean guard(Class<?> controller) {
        String controllerPackage = controller.getPackageName();
        return controllerPackage.equals(basePackage) || controllerPackage.startsWith(basePackage + ".");
    }
}
