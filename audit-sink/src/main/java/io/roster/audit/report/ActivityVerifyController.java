package io.roster.audit.report;

import io.roster.audit.chain.ChainVerification;
import io.roster.audit.chain.ChainVerifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Recomputes the workspace's hash chain over a range (the report's, 90 days by default) and answers whether it
 * holds and, if not, where it breaks: a row altered or deleted outside the application.
 */
@RestController
@RequestMapping("/api/v1/workspaces/{workspaceId}/activity")
class ActivityVerifyController {

    private final ReportRequests requests;
    private final ChainVerifier verifier;

    ActivityVerifyController(ReportRequests requests, ChainVerifier verifier) {
        this.requests = requests;
        this.verifier = verifier;
    }

    @GetMapping("/verify")
    ChainVerification verify(@PathVariable String workspaceId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        ReportFilter filter = requests.filter(workspaceId, from, to, null, null, null, null, null);
        return verifier.verify(workspaceId, filter.from(), filter.to());
    }
}
