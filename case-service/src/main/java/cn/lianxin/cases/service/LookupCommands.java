package cn.lianxin.cases.service;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import cn.lianxin.cases.domain.Department;
import cn.lianxin.cases.domain.LegalBasis;
import cn.lianxin.cases.domain.LookupItem;
import cn.lianxin.platform.validation.NotBlankAfterTrim;

/** What the lookup API asks of {@link LookupService}: who asks and who decides come from the token, never the body. */
public final class LookupCommands {

    private LookupCommands() {
    }

    /** 协查请求: a department, the legal basis (a code and the document cited), what is asked. */
    public record RequestLookup(
            @NotNull Department department,
            @NotNull @Valid LegalBasisBody legalBasis,
            @NotEmpty @Size(max = 6) List<@NotNull LookupItem> asked,
            @Size(max = 500) String note) {
    }

    /** 查询依据: the kind of document and the document itself (title, article, number). */
    public record LegalBasisBody(
            @NotNull LegalBasis code,
            @NotBlank @NotBlankAfterTrim @Size(max = 300) String citation) {
    }

    /** 上级党组织审批: approved, with an optional note (e.g. the assistance letter's number). */
    public record ApproveLookup(
            @Size(max = 500) String note) {
    }

    /** 不予批准: refused, with the reason. */
    public record RefuseLookup(
            @NotBlank @NotBlankAfterTrim @Size(max = 500) String reason) {
    }
}
