package io.rastro.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The one phone parser: each row is a text, the digits it stands for, or why it is not a number. */
class PhoneNumbersTest {

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', value = {
            "+55 11 91234-5678    | 5511912345678 |",
            "+55 (11) 9.1234-5678 | 5511912345678 |",
            "5511912345678        | 5511912345678 |",
            "0055 11 91234-5678   | 5511912345678 |",
            "00 55 11 91234-5678  | 5511912345678 |",
            "+1 (415) 555-0100    | 14155550100   |",
            "12345678             | 12345678      |",
            "011 91234-5678       |               | NO_COUNTRY_CODE",
            "(011) 91234-5678     |               | NO_COUNTRY_CODE",
            "0 11 91234 5678      |               | NO_COUNTRY_CODE",
            "+0055 11 91234-5678  |               | NO_COUNTRY_CODE",
            "000 55 11 91234-5678 |               | NO_COUNTRY_CODE",
            "1234567              |               | NOT_A_NUMBER",
            "1234567890123456     |               | NOT_A_NUMBER",
            "+55 11 9123A-5678    |               | NOT_A_NUMBER",
            "++5511912345678      |               | NOT_A_NUMBER",
            "00+5511912345678     |               | NOT_A_NUMBER"})
    void eachNotationIsOneNumberOrOneProblem(String raw, String digits, PhoneNumbers.Problem problem) {
        var parsed = PhoneNumbers.parse(raw);
        assertThat(parsed.digits()).isEqualTo(digits);
        assertThat(parsed.problem()).isEqualTo(problem);
        assertThat(parsed.valid()).isEqualTo(digits != null);
    }
}
