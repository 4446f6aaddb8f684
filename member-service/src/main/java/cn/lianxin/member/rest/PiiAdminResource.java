package cn.lianxin.member.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;

import cn.lianxin.member.service.PiiReEncryptionService;
import cn.lianxin.member.service.PiiReEncryptionService.Result;
import cn.lianxin.platform.security.Roles;

/**
 * Key rotation of the stored ID numbers (docs/operations.md, "Rotating the PII keys"): re-encrypts, synchronously, up
 * to {@code limit} rows that are not under the newest key yet ({@code limit=0} only counts). Run it again until
 * {@code remaining} is 0; a run cut short resumes where rows still need it.
 */
@Path("/api/v1/admin/pii/re-encryption")
@Tag(name = "PII keys", description = "Re-encryption of ID numbers to the newest key")
@Produces(MediaType.APPLICATION_JSON)
public class PiiAdminResource {

    private final PiiReEncryptionService reEncryption;
    private final SecurityIdentity identity;

    public PiiAdminResource(PiiReEncryptionService reEncryption, SecurityIdentity identity) {
        this.reEncryption = reEncryption;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Result reEncrypt(@QueryParam("limit") @Min(value = 0, message = "must be 0 or more") Integer limit) {
        return reEncryption.run(limit, identity.getPrincipal().getName());
    }
}
