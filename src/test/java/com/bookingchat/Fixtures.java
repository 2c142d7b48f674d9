package com.bookingchat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.bookingchat.twilio.emulator.TwilioEmulator;

import io.agroal.api.AgroalDataSource;

/** Test data access: a clean slate before each test, and row counts to prove a failure changed nothing. */
@ApplicationScoped
public class Fixtures {

    public static final String SEED_CREATE = """
            { "type": "booking_chat",
              "participants": [
                { "userId": "customer-456", "userType": "customer", "userName": "John Doe" },
                { "userId": "provider-789", "userType": "provider", "userName": "Jane Smith" } ],
              "booking": { "service": "Plumbing", "scheduledAt": "2026-12-01T14:00:00Z" } }
            """;

    /** An Instance, so an application started without a datasource (the token function's) still starts. */
    private final Instance<AgroalDataSource> dataSource;
    private final TwilioEmulator emulator;

    Fixtures(Instance<AgroalDataSource> dataSource, TwilioEmulator emulator) {
        this.dataSource = dataSource;
        this.emulator = emulator;
    }

    public void reset() {
        endSabotage();
        execute("TRUNCATE message_notifications, conversation_participants, conversation_metadata, idempotency_keys, booking_lifecycle, send_rate_limits, erasures, notification_preferences RESTART IDENTITY");
        emulator.reset();
    }

    /** A clean slate with the seed's conversation for booking-123, created by the customer: its SID. */
    public String resetWithSeedConversation() {
        reset();
        return Lambda.post(Lambda.CUSTOMER, "/bookings/booking-123/conversations", SEED_CREATE).json()
                .getString("conversationSid");
    }

    /** The seed's conversation with the customer's first message in it: its SID. */
    public String resetWithSeedConversationAndMessage() {
        String sid = resetWithSeedConversation();
        Lambda.post(Lambda.CUSTOMER, "/conversations/" + sid + "/messages", "{\"body\":\"hello\"}");
        return sid;
    }

    /** Makes every insert into message_notifications fail, as a full disk or a lost connection would. */
    public void sabotageNotificationInserts() {
        execute("""
                CREATE OR REPLACE FUNCTION sabotage() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'disk full'; END $$""");
        execute("CREATE TRIGGER sabotage BEFORE INSERT ON message_notifications FOR EACH ROW EXECUTE FUNCTION sabotage()");
    }

    public void endSabotage() {
        execute("DROP TRIGGER IF EXISTS sabotage ON message_notifications");
    }

    /** Rows in each of the three tables, as "metadata/participants/notifications". */
    public String rowCounts() {
        return count("conversation_metadata") + "/" + count("conversation_participants") + "/"
                + count("message_notifications");
    }

    /**
     * Participant rows whose copy of their conversation's activity time or whose unread count (both kept by
     * the database for the inbox, migration V5) differs from what it stands for, as "conversation/user"
     * items; null when every row is exact.
     */
    public String inboxCopiesOutOfStep() {
        return queryString("""
                SELECT string_agg(p.conversation_id || '/' || p.user_id, ', ')
                  FROM conversation_participants p
                  JOIN conversation_metadata m ON m.id = p.conversation_id
                 WHERE p.activity_at <> COALESCE(m.last_message_at, m.created_at)
                    OR p.unread_count <> (SELECT count(*) FROM message_notifications n
                                           WHERE n.conversation_id = p.conversation_id
                                             AND n.recipient_user_id = p.user_id AND n.read_at IS NULL)
                """);
    }

    public long count(String tableAndCondition) {
        return queryLong("SELECT count(*) FROM " + tableAndCondition);
    }

    public long queryLong(String sql) {
        try (Connection c = dataSource.get().getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public String queryString(String sql) {
        try (Connection c = dataSource.get().getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public void execute(String sql) {
        try (Connection c = dataSource.get().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
