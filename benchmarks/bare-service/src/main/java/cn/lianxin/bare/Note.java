package cn.lianxin.bare;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The one entity: Hibernate boots with a mapping to validate against its one table. */
@Entity
public class Note extends PanacheEntityBase {

    @Id
    public UUID id;

    public String text;
}
