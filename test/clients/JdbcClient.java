// The PostgreSQL JDBC driver against `tributary serve`: usage
//   java -cp /usr/share/java/postgresql.jar JdbcClient.java PORT PASSWORD [tls]
// Plain and prepared statements (server-side after five runs), bound
// parameters, fetch sizes (Execute row limits), SQLSTATEs, DatabaseMetaData
// (getSchemas, getTables, getColumns, getPrimaryKeys), a refused login. With "tls" it
// connects with sslmode=require and, when TRIBUTARY_FED_SQL is set (CREATE
// EXTERNAL SCHEMA jsrc ...), also runs a federated join and cancels a long
// query.
import java.sql.*;

public class JdbcClient {
  public static void main(String[] args) throws Exception {
    boolean tls = args.length > 2 && args[2].equals("tls");
    String url = "jdbc:postgresql://127.0.0.1:" + args[0] + "/dev"
        + (tls ? "?sslmode=require&sslfactory=org.postgresql.ssl.NonValidatingFactory" : "");
    try (Connection c = DriverManager.getConnection(url, "awsuser", args[1])) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE j(id INTEGER, name VARCHAR(20), price NUMERIC(8,2))");
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO j VALUES (?, ?, ?)")) {
        for (int i = 1; i <= 7; i++) {
          p.setInt(1, i);
          p.setString(2, "n" + i);
          p.setBigDecimal(3, new java.math.BigDecimal(i + ".25"));
          p.executeUpdate();
        }
      }
      try (PreparedStatement p = c.prepareStatement("SELECT id, name, price FROM j WHERE id >= ? ORDER BY id")) {
        p.setInt(1, 5);
        for (int k = 0; k < 6; k++) {
          try (ResultSet r = p.executeQuery()) {
            int n = 0;
            while (r.next()) n++;
            if (n != 3) throw new AssertionError("rows " + n);
          }
        }
      }
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement("SELECT id FROM j ORDER BY id")) {
        p.setFetchSize(2);
        try (ResultSet r = p.executeQuery()) {
          int n = 0;
          while (r.next()) n++;
          if (n != 7) throw new AssertionError("fetch rows " + n);
        }
      }
      c.commit();
      try (Statement s = c.createStatement()) {
        s.executeQuery("SELECT nope FROM j");
      } catch (SQLException e) {
        if (!"42703".equals(e.getSQLState())) throw e;
      }
      c.rollback();
      c.setAutoCommit(true);
      // DatabaseMetaData reads pg_catalog.
      DatabaseMetaData m = c.getMetaData();
      java.util.List<String> schemas = new java.util.ArrayList<>();
      try (ResultSet r = m.getSchemas()) {
        while (r.next()) schemas.add(r.getString("TABLE_SCHEM"));
      }
      if (!schemas.contains("public")) throw new AssertionError("schemas " + schemas);
      int tables = 0;
      try (ResultSet r = m.getTables(null, "public", "j", new String[] {"TABLE"})) {
        while (r.next()) {
          tables++;
          if (!"TABLE".equals(r.getString("TABLE_TYPE"))) throw new AssertionError("table type");
        }
      }
      if (tables != 1) throw new AssertionError("tables " + tables);
      StringBuilder columns = new StringBuilder();
      try (ResultSet r = m.getColumns(null, "public", "j", "%")) {
        while (r.next())
          columns.append(r.getString("COLUMN_NAME")).append(':').append(r.getString("TYPE_NAME"))
              .append(':').append(r.getInt("COLUMN_SIZE")).append(' ');
      }
      if (!columns.toString().equals("id:int4:10 name:varchar:20 price:numeric:8 "))
        throw new AssertionError("columns " + columns);
      // j has no primary key; jk's is listed in key order.
      try (ResultSet r = m.getPrimaryKeys(null, "public", "j")) {
        if (r.next()) throw new AssertionError("primary key " + r.getString("COLUMN_NAME"));
      }
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE jk(a INTEGER, b INTEGER, c INTEGER, PRIMARY KEY (b, a))");
      }
      StringBuilder keys = new StringBuilder();
      try (ResultSet r = m.getPrimaryKeys(null, "public", "jk")) {
        while (r.next())
          keys.append(r.getString("COLUMN_NAME")).append(':').append(r.getInt("KEY_SEQ"))
              .append(':').append(r.getString("PK_NAME")).append(' ');
      }
      if (!keys.toString().equals("b:1:jk_pkey a:2:jk_pkey "))
        throw new AssertionError("primary keys " + keys);
      String fed = System.getenv("TRIBUTARY_FED_SQL");
      if (fed != null && !fed.isEmpty()) {
        try (Statement s = c.createStatement()) {
          s.execute(fed);
          try (ResultSet r = s.executeQuery(
                   "SELECT count(*), sum(s.id) FROM j l JOIN jsrc.client_src s ON s.id = l.id")) {
            r.next();
            if (r.getLong(1) != 7 || r.getLong(2) != 28) throw new AssertionError("federated join");
          }
        }
        // Statement.cancel from another thread sends a CancelRequest.
        try (Statement s = c.createStatement()) {
          Thread canceller = new Thread(() -> {
            try {
              Thread.sleep(500);
              s.cancel();
            } catch (Exception e) {
              throw new RuntimeException(e);
            }
          });
          canceller.start();
          try {
            s.executeQuery(
                "SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 1000000) b");
            throw new AssertionError("the query was not cancelled");
          } catch (SQLException e) {
            if (!"57014".equals(e.getSQLState())) throw e;
          }
          canceller.join();
        }
      }
    }
    try {
      DriverManager.getConnection(url, "awsuser", "wrong");
      throw new AssertionError("login with a wrong password");
    } catch (SQLException e) {
      if (!"28P01".equals(e.getSQLState())) throw e;
    }
    System.out.println("jdbc ok");
  }
}
