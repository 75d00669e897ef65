package io.rastro.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerateCommandTest {

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertThat(GenerateCommand.size("200k")).isEqualTo(200_000);
        assertThat(GenerateCommand.size("10M")).isEqualTo(10_000_000);
        assertThat(GenerateCommand.size("1.5M")).isEqualTo(1_500_000);
        assertThat(GenerateCommand.size("12345")).isEqualTo(12_345);
        assertThatThrownBy(() -> GenerateCommand.size("lots")).isInstanceOf(NumberFormatException.class);
    }
}
