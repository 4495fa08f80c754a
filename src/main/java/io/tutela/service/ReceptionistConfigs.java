package io.tutela.service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The receptionist configuration of each client controller, one each. */
@Repository
class ReceptionistConfigs {

	static final String TABLE = "receptionist_config";

	private final JdbcClient jdbc;

	ReceptionistConfigs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<ReceptionistConfig> find(String controllerId) {
		return this.jdbc.sql("SELECT * FROM receptionist_config WHERE controller_id = :c")
			.param("c", controllerId)
			.query(ReceptionistConfigs::map)
			.optional();
	}

	void insert(ReceptionistConfig config) {
		Sql.insert(this.jdbc, TABLE, config.id(), config.controllerId(), values(config), "controller_id");
	}

	void update(ReceptionistConfig config) {
		Sql.update(this.jdbc, TABLE, config.id(), config.controllerId(), values(config), "controller_id");
	}

	private static Map<String, @Nullable Object> values(ReceptionistConfig c) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("availability",
				c.availability().stream().map(ReceptionistConfig.Hours::text).toArray(String[]::new));
		values.put("forwarding",
				c.forwarding().stream().map(ReceptionistConfig.Forwarding::text).toArray(String[]::new));
		values.put("notification_email", c.notificationEmail());
		values.put("category", c.category());
		values.put("purposes", c.purposes().toArray(String[]::new));
		values.put("source", c.source());
		values.put("collected_at", Fields.timestamp(c.collectedAt()));
		return values;
	}

	static ReceptionistConfig map(ResultSet rs, int row) throws SQLException {
		return new ReceptionistConfig(rs.getObject("id", UUID.class), rs.getString("controller_id"),
				Fields.texts(rs, "availability").stream().map(ReceptionistConfig.Hours::parse).toList(),
				Fields.texts(rs, "forwarding").stream().map(ReceptionistConfig.Forwarding::parse).toList(),
				rs.getString("notification_email"), rs.getString("category"), Fields.texts(rs, "purposes"),
				rs.getString("source"), Fields.instant(rs, "collected_at"));
	}

}
