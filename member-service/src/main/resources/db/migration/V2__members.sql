-- 党员: the register. The ID number (身份证号) is never stored in plaintext: AES-GCM ciphertext, an HMAC
-- blind index that keeps it unique across the province, and the masked form shown in responses.
CREATE TABLE member (
    id                    uuid        PRIMARY KEY,
    org_id                uuid        NOT NULL REFERENCES org (id),
    name                  text        NOT NULL,
    id_number_cipher      text        NOT NULL,
    id_number_index       text        NOT NULL,
    id_number_masked      text        NOT NULL,
    gender                text        NOT NULL CHECK (gender IN ('MALE', 'FEMALE')),
    ethnicity             text        NOT NULL,
    birth_date            date        NOT NULL,
    education             text,
    occupation            text,
    phone                 text        NOT NULL,
    wechat                text,
    qq                    text,
    email                 text,
    household_address     text,
    residence_address     text,
    work_unit             text,
    category              text        NOT NULL CHECK (category IN ('FULL', 'PROBATIONARY')),
    joined_at             date        NOT NULL,
    regularized_at        date,
    introducers           text,
    emergency_name        text        NOT NULL,
    emergency_relation    text        NOT NULL,
    emergency_phone       text        NOT NULL,
    preferred_channel     text        CHECK (preferred_channel IN ('SMS', 'WECHAT', 'EMAIL')),
    standing              text        NOT NULL DEFAULT 'ACTIVE'
                                      CHECK (standing IN ('ACTIVE', 'SUSPENDED', 'REMOVED', 'PROBATION_CANCELLED', 'DECEASED')),
    readmission_bar_until date,                         -- 5-year bar after 除名/劝退
    flowing               boolean     NOT NULL DEFAULT false,
    liaison_member_id     uuid        REFERENCES member (id),
    liaison_name          text,
    liaison_phone         text,
    liaison_wechat        text,
    liaison_email         text,
    source                text        NOT NULL DEFAULT 'API' CHECK (source IN ('API', 'ROSTER_IMPORT')),
    registered_at         timestamptz NOT NULL,
    registered_by         text        NOT NULL,
    updated_at            timestamptz NOT NULL,
    updated_by            text        NOT NULL,
    version               bigint      NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX member_id_number_index ON member (id_number_index);
CREATE INDEX member_org ON member (org_id);
CREATE INDEX member_org_name ON member (org_id, name);

-- Who saw a full ID number, when and why (domain.md §6).
CREATE TABLE id_number_reveal (
    id          uuid        PRIMARY KEY,
    member_id   uuid        NOT NULL REFERENCES member (id),
    revealed_by text        NOT NULL,
    revealed_at timestamptz NOT NULL,
    reason      text        NOT NULL
);
CREATE INDEX id_number_reveal_member ON id_number_reveal (member_id);
