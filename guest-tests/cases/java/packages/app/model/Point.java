package app.model;

public record Point(int x, int y) {}
