package io.tutela.policy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Controllers and the accepted versions of their policies, in PostgreSQL. */
@Repository
class PolicyVersions {

	private static final String VERSION_COLUMNS = "controller_id, version, accepted_at, notice_date, source_name, sha256, origin";

	private final JdbcClient jdbc;

	PolicyVersions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<ControllerSummary> controllers() {
		return this.jdbc.sql("""
				SELECT c.id, c.name, c.role, c.processor_id,
				       (SELECT max(v.version) FROM policy_version v WHERE v.controller_id = c.id) AS current_version
				FROM controller c ORDER BY c.id""").query(PolicyVersions::summary).list();
	}

	Optional<ControllerSummary> controller(String id) {
		return this.jdbc.sql("""
				SELECT c.id, c.name, c.role, c.processor_id,
				       (SELECT max(v.version) FROM policy_version v WHERE v.controller_id = c.id) AS current_version
				FROM controller c WHERE c.id = :id""").param("id", id).query(PolicyVersions::summary).optional();
	}

	private static ControllerSummary summary(ResultSet rs, int row) throws SQLException {
		return new ControllerSummary(rs.getString("id"), rs.getString("name"),
				Policy.Role.valueOf(rs.getString("role").toUpperCase(java.util.Locale.ROOT)),
				rs.getString("processor_id"), rs.getInt("current_version"));
	}

	/**
	 * Creates the controller or updates its name and role from a newly accepted policy.
	 */
	void saveController(Policy.ControllerInfo info) {
		this.jdbc.sql("""
				INSERT INTO controller (id, name, role, processor_id) VALUES (:id, :name, :role, :processor)
				ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role,
				       processor_id = EXCLUDED.processor_id""")
			.param("id", info.id())
			.param("name", info.name())
			.param("role", info.role().name().toLowerCase(java.util.Locale.ROOT))
			.param("processor", info.processor())
			.update();
	}

	/**
	 * Locks the controller's row, so that concurrent uploads get distinct, consecutive
	 * versions.
	 */
	int nextVersion(String controllerId) {
		this.jdbc.sql("SELECT id FROM controller WHERE id = :id FOR UPDATE").param("id", controllerId).query().rowSet();
		return this.jdbc.sql("SELECT coalesce(max(version), 0) + 1 FROM policy_version WHERE controller_id = :id")
			.param("id", controllerId)
			.query(Integer.class)
			.single();
	}

	void insert(PolicyVersion version, String yaml) {
		this.jdbc
			.sql("""
					INSERT INTO policy_version (controller_id, version, accepted_at, notice_date, source_name, source_yaml, sha256, origin)
					VALUES (:controller, :version, :acceptedAt, :noticeDate, :sourceName, :yaml, :sha256, :origin)""")
			.param("controller", version.controllerId())
			.param("version", version.version())
			.param("acceptedAt", java.sql.Timestamp.from(version.acceptedAt()))
			.param("noticeDate", version.noticeDate())
			.param("sourceName", version.sourceName())
			.param("yaml", yaml)
			.param("sha256", version.sha256())
			.param("origin", version.origin())
			.update();
	}

	List<PolicyVersion> versions(String controllerId) {
		return this.jdbc
			.sql("SELECT " + VERSION_COLUMNS + " FROM policy_version WHERE controller_id = :id ORDER BY version")
			.param("id", controllerId)
			.query(PolicyVersions::version)
			.list();
	}

	Optional<PolicyVersion> version(String controllerId, int version) {
		return this.jdbc
			.sql("SELECT " + VERSION_COLUMNS + " FROM policy_version WHERE controller_id = :id AND version = :v")
			.param("id", controllerId)
			.param("v", version)
			.query(PolicyVersions::version)
			.optional();
	}

	@Nullable String source(String controllerId, int version) {
		return this.jdbc.sql("SELECT source_yaml FROM policy_version WHERE controller_id = :id AND version = :v")
			.param("id", controllerId)
			.param("v", version)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private static PolicyVersion version(ResultSet rs, int row) throws SQLException {
		return new PolicyVersion(rs.getString("controller_id"), rs.getInt("version"),
				rs.getTimestamp("accepted_at").toInstant(), rs.getObject("notice_date", java.time.LocalDate.class),
				rs.getString("source_name"), rs.getString("sha256"), rs.getString("origin"));
	}

}
